// selective_scan_l0_step_1: one time step of selective_scan_l0: y (mamba.cell:42)
// one thread per element of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  var sum26 = 0.0;
  for (var k = 0u; k < 4u; k++) {
    let mul25 = work_buf[260u * sizes.B * sizes.T + 112u * sizes.B + ((i0) * 16u + i1) * 4u + k];
    sum26 += mul25;
  }
  let D_skip = params_buf[736u + i1];
  let u = work_buf[120u * sizes.B * sizes.T + 48u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
  let mul27 = (D_skip * u);
  let add28 = (sum26 + mul27);
  let gate = work_buf[164u * sizes.B * sizes.T + 48u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
  let mul29 = (add28 * gate);
  let sigmoid30 = sigmoid(gate);
  let y = (mul29 * sigmoid30);
  work_buf[244u * sizes.B * sizes.T + 112u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1] = y;
}
