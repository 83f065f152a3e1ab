// time_mix_l0_steps: every time step of time_mix_l0, each thread its own elements (rwkv.cell:34-37)
// one thread per 16 elements (4 fours) along the last axis of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 16u < sizes.B;
  let id = min(gid.x + gid.y * groups.x * 16u, sizes.B - 1u);
  let i1 = 0u;
  let i0 = id;
  var num_now = work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
  var den_now = work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
  var num_now_2 = work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
  var den_now_2 = work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
  var num_now_3 = work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
  var den_now_3 = work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
  var num_now_4 = work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
  var den_now_4 = work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
  let time_decay = params_buf[12u + (i1 * 4u + 0u)];
  let exp24 = exp(time_decay);
  let neg25 = -(exp24);
  let decay = exp(neg25);
  let time_decay_2 = params_buf[12u + (i1 * 4u + 1u)];
  let exp24_2 = exp(time_decay_2);
  let neg25_2 = -(exp24_2);
  let decay_2 = exp(neg25_2);
  let time_decay_3 = params_buf[12u + (i1 * 4u + 2u)];
  let exp24_3 = exp(time_decay_3);
  let neg25_3 = -(exp24_3);
  let decay_3 = exp(neg25_3);
  let time_decay_4 = params_buf[12u + (i1 * 4u + 3u)];
  let exp24_4 = exp(time_decay_4);
  let neg25_4 = -(exp24_4);
  let decay_4 = exp(neg25_4);
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted30 = work_buf[8u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
    let r = sigmoid4(hoisted30);
    let hoisted32 = work_buf[12u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
    let bonus = exp(hoisted32);
    let v = work_buf[20u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
    let mul19 = (bonus * v);
    let add20 = (num_now + mul19);
    let add21 = (den_now + bonus);
    let wkv = (add20 / add21);
    let mul23 = (r * wkv);
    let hoisted30_2 = work_buf[8u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
    let r_2 = sigmoid4(hoisted30_2);
    let hoisted32_2 = work_buf[12u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
    let bonus_2 = exp(hoisted32_2);
    let v_2 = work_buf[20u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
    let mul19_2 = (bonus_2 * v_2);
    let add20_2 = (num_now_2 + mul19_2);
    let add21_2 = (den_now_2 + bonus_2);
    let wkv_2 = (add20_2 / add21_2);
    let mul23_2 = (r_2 * wkv_2);
    let hoisted30_3 = work_buf[8u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
    let r_3 = sigmoid4(hoisted30_3);
    let hoisted32_3 = work_buf[12u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
    let bonus_3 = exp(hoisted32_3);
    let v_3 = work_buf[20u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
    let mul19_3 = (bonus_3 * v_3);
    let add20_3 = (num_now_3 + mul19_3);
    let add21_3 = (den_now_3 + bonus_3);
    let wkv_3 = (add20_3 / add21_3);
    let mul23_3 = (r_3 * wkv_3);
    let hoisted30_4 = work_buf[8u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
    let r_4 = sigmoid4(hoisted30_4);
    let hoisted32_4 = work_buf[12u * sizes.B * sizes.T + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
    let bonus_4 = exp(hoisted32_4);
    let v_4 = work_buf[20u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
    let mul19_4 = (bonus_4 * v_4);
    let add20_4 = (num_now_4 + mul19_4);
    let add21_4 = (den_now_4 + bonus_4);
    let wkv_4 = (add20_4 / add21_4);
    let mul23_4 = (r_4 * wkv_4);
    let mul27 = (decay * num_now);
    let k = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
    let exp28 = exp(k);
    let mul29 = (exp28 * v);
    let num_next = (mul27 + mul29);
    let mul31 = (decay * den_now);
    let den_next = (mul31 + exp28);
    let mul27_2 = (decay_2 * num_now_2);
    let k_2 = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
    let exp28_2 = exp(k_2);
    let mul29_2 = (exp28_2 * v_2);
    let num_next_2 = (mul27_2 + mul29_2);
    let mul31_2 = (decay_2 * den_now_2);
    let den_next_2 = (mul31_2 + exp28_2);
    let mul27_3 = (decay_3 * num_now_3);
    let k_3 = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
    let exp28_3 = exp(k_3);
    let mul29_3 = (exp28_3 * v_3);
    let num_next_3 = (mul27_3 + mul29_3);
    let mul31_3 = (decay_3 * den_now_3);
    let den_next_3 = (mul31_3 + exp28_3);
    let mul27_4 = (decay_4 * num_now_4);
    let k_4 = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
    let exp28_4 = exp(k_4);
    let mul29_4 = (exp28_4 * v_4);
    let num_next_4 = (mul27_4 + mul29_4);
    let mul31_4 = (decay_4 * den_now_4);
    let den_next_4 = (mul31_4 + exp28_4);
    if (in_range) { work_buf[24u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = mul23; }
    if (in_range) { work_buf[24u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = mul23_2; }
    if (in_range) { work_buf[24u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = mul23_3; }
    if (in_range) { work_buf[24u * sizes.B * sizes.T + 4u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = mul23_4; }
    num_now = num_next;
    den_now = den_next;
    num_now_2 = num_next_2;
    den_now_2 = den_next_2;
    num_now_3 = num_next_3;
    den_now_3 = den_next_3;
    num_now_4 = num_next_4;
    den_now_4 = den_next_4;
    workgroupBarrier();
  }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = num_now; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = den_now; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = num_now_2; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = den_now_2; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = num_now_3; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = den_now_3; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 4u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = num_now_4; }
  if (in_range) { work_buf[28u * sizes.B * sizes.T + 12u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = den_now_4; }
}
