// time_mix_l0_steps: every time step of time_mix_l0, each thread its own elements (rwkv.cell:34-37)
// one thread per four elements along the last axis of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 4u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 4u * sizes.B - 1u);
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  var num_now = work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + i1];
  var den_now = work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + i1];
  let time_decay = params_buf[12u + i1];
  let exp24 = exp(time_decay);
  let neg25 = -(exp24);
  let decay = exp(neg25);
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted30 = work_buf[8u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + i1];
    let r = sigmoid4(hoisted30);
    let hoisted32 = work_buf[12u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + i1];
    let bonus = exp(hoisted32);
    let v = work_buf[20u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1];
    let mul19 = (bonus * v);
    let add20 = (num_now + mul19);
    let add21 = (den_now + bonus);
    let wkv = (add20 / add21);
    let mul23 = (r * wkv);
    let mul27 = (decay * num_now);
    let k = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1];
    let exp28 = exp(k);
    let mul29 = (exp28 * v);
    let num_next = (mul27 + mul29);
    let mul31 = (decay * den_now);
    let den_next = (mul31 + exp28);
    if (in_range) { work_buf[24u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1] = mul23; }
    num_now = num_next;
    den_now = den_next;
    workgroupBarrier();
  }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + i1] = num_now; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + i1] = den_now; }
}
