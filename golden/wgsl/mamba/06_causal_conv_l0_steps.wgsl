// causal_conv_l0_steps: every time step of causal_conv_l0, each thread its own elements (mamba.cell:22)
// one thread per element of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  var u1_now = work_buf[64u * sizes.B * sizes.T + 64u * sizes.B + 0u * 16u * sizes.B + i0 * 16u + i1];
  var u2_now = work_buf[64u * sizes.B * sizes.T + 96u * sizes.B + 0u * 16u * sizes.B + i0 * 16u + i1];
  var u3_now = work_buf[64u * sizes.B * sizes.T + 128u * sizes.B + 0u * 16u * sizes.B + i0 * 16u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let w0 = params_buf[384u + i1];
    let u = work_buf[48u * sizes.B * sizes.T + 64u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
    let mul9 = (w0 * u);
    let w1 = params_buf[400u + i1];
    let mul10 = (w1 * u1_now);
    let add11 = (mul9 + mul10);
    let w2 = params_buf[416u + i1];
    let mul12 = (w2 * u2_now);
    let add13 = (add11 + mul12);
    let w3 = params_buf[432u + i1];
    let mul14 = (w3 * u3_now);
    let add15 = (add13 + mul14);
    let bias = params_buf[448u + i1];
    let c = (add15 + bias);
    work_buf[48u * sizes.B * sizes.T + 64u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1] = c;
    let u2_now_next = u1_now;
    let u3_now_next = u2_now;
    u1_now = u;
    u2_now = u2_now_next;
    u3_now = u3_now_next;
  }
  work_buf[64u * sizes.B * sizes.T + 64u * sizes.B + 1u * 16u * sizes.B + i0 * 16u + i1] = u1_now;
  work_buf[64u * sizes.B * sizes.T + 96u * sizes.B + 1u * 16u * sizes.B + i0 * 16u + i1] = u2_now;
  work_buf[64u * sizes.B * sizes.T + 128u * sizes.B + 1u * 16u * sizes.B + i0 * 16u + i1] = u3_now;
}
